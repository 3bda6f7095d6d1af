module db 'modules/sqlserver.bicep' = {
  name: 'db'
  params: {
    adminLogin: 'sqladmin'
  }
}
