param location string = resourceGroup().location
param httpsOnly bool = false

// Before API version 2019-04-01, an absent supportsHttpsTrafficOnly is false.
resource stgOld 'Microsoft.Storage/storageAccounts@2018-07-01' = {
  name: 'stgoldfail'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {}
}

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgfail'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    supportsHttpsTrafficOnly: false
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-fail'
  location: location
  sku: {
    name: 'P1v3'
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-fail'
  location: location
  properties: {
    serverFarmId: plan.id
    httpsOnly: httpsOnly
  }
}

// httpsOnly is false when absent.
resource func 'Microsoft.Web/sites@2023-12-01' = {
  name: 'func-fail'
  location: location
  kind: 'functionapp'
  properties: {
    serverFarmId: plan.id
  }
}

resource slot 'Microsoft.Web/sites/slots@2023-12-01' = {
  parent: app
  name: 'staging'
  location: location
  properties: {
    httpsOnly: false
  }
}

resource redis 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-fail'
  location: location
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    enableNonSslPort: true
  }
}

resource redisEnterprise 'Microsoft.Cache/redisEnterprise@2024-02-01' = {
  name: 'redis-ent-fail'
  location: location
  sku: {
    name: 'Enterprise_E10'
    capacity: 2
  }
}

resource redisDb 'Microsoft.Cache/redisEnterprise/databases@2024-02-01' = {
  parent: redisEnterprise
  name: 'default'
  properties: {
    clientProtocol: 'Plaintext'
  }
}
