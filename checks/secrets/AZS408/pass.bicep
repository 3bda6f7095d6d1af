param location string = 'westeurope'
param administratorLogin string

@secure()
param mysqlAdmin string

@secure()
param adminPassword string

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-pass'
  location: location
  properties: {
    administratorLogin: administratorLogin
    administratorLoginPassword: adminPassword
  }
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: 'mysql-pass'
  location: location
  properties: {
    administratorLogin: mysqlAdmin
    administratorLoginPassword: adminPassword
  }
}

// Microsoft Entra-only authentication: no SQL administrator at all.
resource entra 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-entra'
  location: location
  properties: {
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: 'sql-admins'
      sid: '00000000-0000-0000-0000-000000000000'
      principalType: 'Group'
    }
  }
}
