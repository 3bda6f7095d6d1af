// An endpoint whose target and group ids are unknown could reach anything:
// nothing is reported.
param targetId string
param groups array

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-unknown'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}

resource pe 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe-any'
  location: 'westeurope'
  properties: {
    subnet: {
      id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe'
    }
    privateLinkServiceConnections: [
      {
        name: 'any'
        properties: {
          privateLinkServiceId: targetId
          groupIds: groups
        }
      }
    ]
  }
}
