param location string = resourceGroup().location
// No value: what it holds is unknown, so nothing is reported.
param httpsOnly bool

// From API version 2019-04-01 on, an absent supportsHttpsTrafficOnly is true.
resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgpass'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {}
}

resource stgOld 'Microsoft.Storage/storageAccounts@2018-07-01' = {
  name: 'stgoldpass'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    supportsHttpsTrafficOnly: true
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-pass'
  location: location
  properties: {
    httpsOnly: true
  }
}

resource slot 'Microsoft.Web/sites/slots@2023-12-01' = {
  parent: app
  name: 'staging'
  location: location
  properties: {
    httpsOnly: httpsOnly
  }
}

// Declared elsewhere: not checked here.
resource legacy 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'legacy-app'
}

resource redis 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-pass'
  location: location
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    enableNonSslPort: false
  }
}

resource redisEnterprise 'Microsoft.Cache/redisEnterprise@2024-02-01' = {
  name: 'redis-ent-pass'
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
    clientProtocol: 'Encrypted'
  }
}
