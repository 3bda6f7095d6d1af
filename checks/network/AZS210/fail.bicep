param ddos bool = false

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-noddos'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    enableDdosProtection: ddos
  }
}

resource vnetDefault 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-default'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.1.0.0/16'
      ]
    }
  }
}
