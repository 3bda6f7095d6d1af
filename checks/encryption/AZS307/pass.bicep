param location string = resourceGroup().location

resource pgSingle 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {
  name: 'pg-single-pass'
  location: location
  properties: {
    createMode: 'Default'
    sslEnforcement: 'Enabled'
    minimalTlsVersion: 'TLS1_2'
  }
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: 'mysql-pass'
  location: location
}

resource mysqlTransport 'Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30' = {
  parent: mysql
  name: 'require_secure_transport'
  properties: {
    value: 'ON'
    source: 'user-override'
  }
}

// Another server parameter: not about transport security.
resource mysqlSlowLog 'Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30' = {
  parent: mysql
  name: 'slow_query_log'
  properties: {
    value: 'OFF'
    source: 'user-override'
  }
}
