param location string = 'westeurope'
param useSqlAuth bool = false

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-pass'
  location: location
  properties: {
    administratorLogin: useSqlAuth ? 'sqladmin' : null
    administrators: {
      administratorType: 'ActiveDirectory'
      principalType: 'Group'
      login: 'sql-admins'
      sid: '11111111-1111-1111-1111-111111111111'
      tenantId: tenant().tenantId
      azureADOnlyAuthentication: true
    }
  }
}

resource sqlChild 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-child-on'
  location: location
  properties: {
    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '11111111-1111-1111-1111-111111111111'
      tenantId: tenant().tenantId
    }
  }

  resource entraOnly 'azureADOnlyAuthentications' = {
    name: 'Default'
    properties: {
      azureADOnlyAuthentication: true
    }
  }
}

resource mi 'Microsoft.Sql/managedInstances@2023-08-01-preview' = {
  name: 'mi-pass'
  location: location
  properties: {
    subnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'mi')
    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '11111111-1111-1111-1111-111111111111'
      tenantId: tenant().tenantId
      azureADOnlyAuthentication: true
    }
  }
}

resource syn 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'syn-pass'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    defaultDataLakeStorage: {
      accountUrl: 'https://stg.dfs.core.windows.net'
      filesystem: 'fs'
    }
    azureADOnlyAuthentication: true
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-pass'
  location: location
  properties: {
    version: '16'
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenant().tenantId
    }
  }
}

resource pgReplica 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-replica'
  location: location
  properties: {
    createMode: 'Replica'
    sourceServerResourceId: resourceId('Microsoft.DBforPostgreSQL/flexibleServers', 'pg-source')
  }
}

resource mysqlReplica 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: 'mysql-replica'
  location: location
  properties: {
    createMode: 'Replica'
    sourceServerResourceId: resourceId('Microsoft.DBforMySQL/flexibleServers', 'mysql-source')
  }
}

resource mysqlAadOnly 'Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30' = {
  parent: mysqlReplica
  name: 'aad_auth_only'
  properties: {
    value: 'ON'
    source: 'user-override'
  }
}

resource legacy 'Microsoft.Sql/servers@2023-08-01-preview' existing = {
  name: 'sql-legacy'
}
