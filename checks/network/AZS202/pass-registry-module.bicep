// A registry module is never read, but it is handed the account's id: it may
// well deploy the endpoint, so the account is not reported.
resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgregistrype'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

module endpoint 'br/public:avm/res/network/private-endpoint:0.11.0' = {
  name: 'stg-endpoint'
  params: {
    name: 'pe-stg'
    subnetResourceId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'data')
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: {
          privateLinkServiceId: stg.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}
