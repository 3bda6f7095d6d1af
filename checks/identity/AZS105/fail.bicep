param location string = 'westeurope'
param useRbac bool = false

resource kvPolicies 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-policies'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: useRbac
    accessPolicies: []
  }
}

resource kvDefault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-default'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    accessPolicies: []
  }
}
