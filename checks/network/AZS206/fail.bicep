param endIp string = '255.255.255.255'

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-fw'
  location: 'westeurope'
  properties: {
    administratorLogin: 'sqladmin'
  }
}

resource all 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  parent: sql
  name: 'everyone'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: endIp
  }
}

resource office 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  parent: sql
  name: 'office'
  properties: {
    startIpAddress: '203.0.113.0'
    endIpAddress: '203.0.113.255'
  }
}

resource azure 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  parent: sql
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-fw'
  location: 'westeurope'
}

resource wide 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: pg
  name: 'wide'
  properties: {
    startIpAddress: '1.0.0.0'
    endIpAddress: '100.255.255.255'
  }
}
