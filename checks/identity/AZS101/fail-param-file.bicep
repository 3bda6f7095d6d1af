param entraOnly bool = true

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-param-file'
  location: 'westeurope'
  properties: {
    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '11111111-1111-1111-1111-111111111111'
      tenantId: tenant().tenantId
      azureADOnlyAuthentication: entraOnly
    }
  }
}
