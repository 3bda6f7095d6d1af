param password string

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-module'
  location: 'westeurope'
  properties: {
    administratorLogin: 'pgadmin'
    administratorLoginPassword: password
  }
}
