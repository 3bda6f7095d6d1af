param location string = resourceGroup().location

// From API version 2019-09-01 on, soft delete is on when absent.
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-pass'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}

resource kvOld 'Microsoft.KeyVault/vaults@2018-02-14' = {
  name: 'kv-old-pass'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableSoftDelete: true
  }
}

// Recovering a deleted vault keeps its settings.
resource kvRecovered 'Microsoft.KeyVault/vaults@2018-02-14' = {
  name: 'kv-recovered'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    createMode: 'recover'
  }
}
