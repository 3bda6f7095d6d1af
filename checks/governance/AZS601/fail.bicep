param location string = 'eastus'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgfail'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-fail'
  location: 'East US 2'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}
