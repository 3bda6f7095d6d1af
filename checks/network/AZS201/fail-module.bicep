module store 'modules/store.bicep' = {
  name: 'store'
  params: {
    access: 'Enabled'
  }
}
