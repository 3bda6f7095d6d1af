module db 'modules/postgres.bicep' = {
  name: 'db'
  params: {
    password: 'M0duleArgument!'
  }
}
