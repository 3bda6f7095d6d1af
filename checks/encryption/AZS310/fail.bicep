param location string = resourceGroup().location
param softDelete bool = false

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-fail'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableSoftDelete: softDelete
  }
}

// Before API version 2019-09-01, an absent enableSoftDelete is false.
resource kvOld 'Microsoft.KeyVault/vaults@2018-02-14' = {
  name: 'kv-old-fail'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}
