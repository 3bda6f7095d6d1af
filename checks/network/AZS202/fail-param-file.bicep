param target string = 'stgparam'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgparam'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}

resource pe 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe-stg'
  location: 'westeurope'
  properties: {
    subnet: {
      id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe'
    }
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: {
          privateLinkServiceId: resourceId('Microsoft.Storage/storageAccounts', target)
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}
