param administratorLogin string = 'sqladmin'

@secure()
param adminPassword string

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-paramfile'
  location: 'westeurope'
  properties: {
    administratorLogin: administratorLogin
    administratorLoginPassword: adminPassword
  }
}
