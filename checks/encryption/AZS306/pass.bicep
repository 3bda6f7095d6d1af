param location string = resourceGroup().location

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-pass'
  location: location
  properties: {
    minimalTlsVersion: '1.2'
  }
}

// TDE is on by default.
resource db 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sql
  name: 'orders'
  location: location
}

resource tde 'Microsoft.Sql/servers/databases/transparentDataEncryption@2023-08-01-preview' = {
  parent: db
  name: 'current'
  properties: {
    state: 'Enabled'
  }
}
