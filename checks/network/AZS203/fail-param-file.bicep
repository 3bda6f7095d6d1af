param allowedSource string = '203.0.113.0/24'
param ports array = [
  '22'
]

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-param'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-admin'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: allowedSource
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRanges: ports
          priority: 100
        }
      }
    ]
  }
}
