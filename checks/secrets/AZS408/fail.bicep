param location string = 'westeurope'
param pgAdmin string = 'pgadmin'

@secure()
param adminPassword string

var synapseAdmin = 'synadmin'

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-fail'
  location: location
  properties: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: adminPassword
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-fail'
  location: location
  properties: {
    administratorLogin: pgAdmin
    administratorLoginPassword: adminPassword
  }
}

resource synapse 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'syn-fail'
  location: location
  properties: {
    sqlAdministratorLogin: synapseAdmin
    sqlAdministratorLoginPassword: adminPassword
  }
}
