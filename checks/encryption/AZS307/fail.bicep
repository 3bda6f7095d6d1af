param location string = resourceGroup().location
param secureTransport string = 'OFF'

resource pgSingle 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {
  name: 'pg-single-fail'
  location: location
  properties: {
    createMode: 'Default'
    sslEnforcement: 'Disabled'
  }
}

resource mysqlSingle 'Microsoft.DBforMySQL/servers@2017-12-01' = {
  name: 'mysql-single-fail'
  location: location
  properties: {
    createMode: 'Default'
    sslEnforcement: 'Disabled'
  }
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: 'mysql-fail'
  location: location
}

resource mysqlTransport 'Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30' = {
  parent: mysql
  name: 'require_secure_transport'
  properties: {
    value: secureTransport
    source: 'user-override'
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-fail'
  location: location
}

resource pgTransport 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: pg
  name: 'require_secure_transport'
  properties: {
    value: 'off'
    source: 'user-override'
  }
}
