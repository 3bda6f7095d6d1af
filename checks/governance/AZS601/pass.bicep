param location string = 'westeurope'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgpass'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-pass'
  location: 'North Europe'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}

resource dns 'Microsoft.Network/dnsZones@2018-05-01' = {
  name: 'contoso.com'
  location: 'global'
}

resource rgLocated 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-pass'
  location: resourceGroup().location
}

resource elsewhere 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'stgelsewhere'
}
