param adminPort string = '*'

var internet = 'Internet'

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-fail'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-ssh'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
          priority: 100
        }
      }
      {
        name: 'allow-web-and-rdp'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: internet
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRanges: [
            '443'
            '3000-4000'
          ]
          priority: 110
        }
      }
      {
        name: 'allow-https'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '443'
          priority: 120
        }
      }
      {
        name: 'allow-ping'
        properties: {
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Icmp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
          priority: 130
        }
      }
      {
        name: 'deny-all'
        properties: {
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
          priority: 4000
        }
      }
    ]
  }
}

resource anyPort 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = {
  parent: nsg
  name: 'allow-any'
  properties: {
    direction: 'Inbound'
    access: 'Allow'
    protocol: '*'
    sourceAddressPrefixes: [
      '10.0.0.0/8'
      '0.0.0.0/0'
    ]
    sourcePortRange: '*'
    destinationAddressPrefix: '*'
    destinationPortRange: adminPort
    priority: 200
  }
}
