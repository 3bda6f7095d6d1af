param location string = 'westeurope'
param adminLogin string = 'sqladmin'
@secure()
param adminPassword string
param useSqlAuth bool = true
param enableSqlAuth bool

var miLogin = 'miadmin'

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-fail'
  location: location
  properties: {
    administratorLogin: adminLogin
    administratorLoginPassword: adminPassword
  }
}

resource mi 'Microsoft.Sql/managedInstances@2023-08-01-preview' = {
  name: 'mi-fail'
  location: location
  properties: {
    administratorLogin: miLogin
    administratorLoginPassword: adminPassword
    subnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'mi')
  }
}

resource syn 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'syn-fail'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    defaultDataLakeStorage: {
      accountUrl: 'https://stg.dfs.core.windows.net'
      filesystem: 'fs'
    }
    sqlAdministratorLogin: useSqlAuth ? 'synadmin' : null
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-fail'
  location: location
  properties: {
    administratorLogin: enableSqlAuth ? 'pgadmin' : null
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
    }
  }
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: 'mysql-fail'
  location: location
  properties: union({ version: '8.0.21' }, { administratorLoginPassword: adminPassword })
}

resource sqlNoEntraOnly 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-entra-off'
  location: location
  properties: {
    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '11111111-1111-1111-1111-111111111111'
      tenantId: tenant().tenantId
      azureADOnlyAuthentication: false
    }
  }
}

resource sqlEntraUnset 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-entra-unset'
  location: location
  properties: {
    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '11111111-1111-1111-1111-111111111111'
      tenantId: tenant().tenantId
    }
  }
}

resource sqlChildOff 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-child-off'
  location: location
  properties: {
    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '11111111-1111-1111-1111-111111111111'
      tenantId: tenant().tenantId
      azureADOnlyAuthentication: true
    }
  }
}

resource sqlChildOffSetting 'Microsoft.Sql/servers/azureADOnlyAuthentications@2023-08-01-preview' = {
  parent: sqlChildOff
  name: 'Default'
  properties: {
    azureADOnlyAuthentication: false
  }
}

resource pgDefault 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-default'
  location: location
  properties: {
    version: '16'
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
    value: 'OFF'
    source: 'user-override'
  }
}
