param location string = resourceGroup().location
param access string = 'Enabled'

var vaultAccess = 'Enabled'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgfail${uniqueString(resourceGroup().id)}'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    publicNetworkAccess: access
  }
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-fail'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    publicNetworkAccess: vaultAccess
  }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrfail'
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {}
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-fail'
  location: location
  properties: {
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}
