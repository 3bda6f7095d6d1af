param location string = 'westeurope'

@secure()
param adminPassword string

param retention int

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-audited'
  location: location
  properties: {
    administratorLogin: 'owner'
    administratorLoginPassword: adminPassword
  }
}

resource auditing 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {
  parent: sql
  name: 'default'
  properties: {
    state: 'Enabled'
    isAzureMonitorTargetEnabled: true
  }
}

resource forever 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-forever'
  location: location
  properties: {
    administratorLogin: 'owner'
    administratorLoginPassword: adminPassword
  }
}

resource foreverAuditing 'Microsoft.Sql/servers/extendedAuditingSettings@2023-08-01-preview' = {
  parent: forever
  name: 'default'
  properties: {
    state: 'Enabled'
    storageEndpoint: 'https://stgaudit.blob.core.windows.net/'
    retentionDays: 0
  }
}

resource chosen 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-chosen'
  location: location
  properties: {
    administratorLogin: 'owner'
    administratorLoginPassword: adminPassword
  }
}

resource chosenAuditing 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {
  parent: chosen
  name: 'default'
  properties: {
    state: 'Enabled'
    storageEndpoint: 'https://stgaudit.blob.core.windows.net/'
    retentionDays: retention
  }
}

resource existingServer 'Microsoft.Sql/servers@2023-08-01-preview' existing = {
  name: 'sql-elsewhere'
}
