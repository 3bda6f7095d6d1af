param location string = resourceGroup().location

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-pass'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enablePurgeProtection: true
  }
}

module vault 'modules/vault.bicep' = {
  name: 'vault'
  params: {
    name: 'kv-module-pass'
  }
}
