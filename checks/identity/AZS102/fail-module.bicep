module ca 'modules/containerapp.bicep' = {
  name: 'ca'
  params: {
    identityType: 'None'
  }
}
