param access string

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgmodule'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    publicNetworkAccess: access
  }
}
