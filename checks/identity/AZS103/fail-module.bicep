module grant 'modules/grant.bicep' = {
  name: 'grant'
  params: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '18d7d88d-4d35-497a-b7c3-6cc8b2c5d8a5')
  }
}
