@secure()
param adminPassword string

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-module'
  location: 'westeurope'
  properties: {
    administratorLogin: 'owner'
    administratorLoginPassword: adminPassword
  }
}

module auditing 'modules/auditing.bicep' = {
  name: 'auditing'
  params: {
    serverName: sql.name
  }
}
