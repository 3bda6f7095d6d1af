param location string = resourceGroup().location
param tdeState string = 'Disabled'

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-fail'
  location: location
  properties: {
    minimalTlsVersion: '1.2'
  }
}

resource db 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sql
  name: 'orders'
  location: location
}

resource tde 'Microsoft.Sql/servers/databases/transparentDataEncryption@2023-08-01-preview' = {
  parent: db
  name: 'current'
  properties: {
    state: tdeState
  }
}

resource legacyDb 'Microsoft.Sql/servers/databases@2014-04-01' = {
  parent: sql
  name: 'legacy'
  location: location
}

// Older API versions call the setting 'status'.
resource legacyTde 'Microsoft.Sql/servers/databases/transparentDataEncryption@2014-04-01' = {
  parent: legacyDb
  name: 'current'
  properties: {
    status: 'Disabled'
  }
}

resource synapse 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'syn-fail'
  location: location
}

resource pool 'Microsoft.Synapse/workspaces/sqlPools@2021-06-01' = {
  parent: synapse
  name: 'dw'
  location: location
}

resource poolTde 'Microsoft.Synapse/workspaces/sqlPools/transparentDataEncryption@2021-06-01' = {
  parent: pool
  name: 'current'
  properties: {
    status: 'Disabled'
  }
}
