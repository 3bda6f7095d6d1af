param azureStart string = '0.0.0.0'

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-azure'
  location: 'westeurope'
  properties: {
    administratorLogin: 'sqladmin'
  }
}

resource azure 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  parent: sql
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: azureStart
    endIpAddress: '0.0.0.0'
  }
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: 'mysql-azure'
  location: 'westeurope'
}

resource mysqlAzure 'Microsoft.DBforMySQL/flexibleServers/firewallRules@2023-12-30' = {
  parent: mysql
  name: 'AllowAzure'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource synapse 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'syn-azure'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {}
}

resource synapseOffice 'Microsoft.Synapse/workspaces/firewallRules@2021-06-01' = {
  parent: synapse
  name: 'office'
  properties: {
    startIpAddress: '203.0.113.0'
    endIpAddress: '203.0.113.255'
  }
}
