resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-rbac'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
  }
}

resource recovered 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-recovered'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    createMode: 'recover'
  }
}

resource shared 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-shared'
}
