param location string = 'westeurope'

@secure()
param adminPassword string

resource plain 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-unaudited'
  location: location
  properties: {
    administratorLogin: 'owner'
    administratorLoginPassword: adminPassword
  }
}

resource off 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-off'
  location: location
  properties: {
    administratorLogin: 'owner'
    administratorLoginPassword: adminPassword
  }
}

resource offAuditing 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {
  parent: off
  name: 'default'
  properties: {
    state: 'Disabled'
  }
}

resource short 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-short'
  location: location
  properties: {
    administratorLogin: 'owner'
    administratorLoginPassword: adminPassword
  }
}

resource shortAuditing 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {
  parent: short
  name: 'default'
  properties: {
    state: 'Enabled'
    storageEndpoint: 'https://stgaudit.blob.core.windows.net/'
    retentionDays: 30
  }
}
