param principalId string = '22222222-2222-2222-2222-222222222222'
param ownerRoleId string = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'

var contributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')

resource owner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, 'owner')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ownerRoleId)
    principalId: principalId
  }
}

resource contrib 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, 'contributor')
  properties: {
    roleDefinitionId: contributor
    principalId: principalId
  }
}

resource uaa 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, 'uaa')
  properties: {
    roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-4d35-497a-b7c3-6cc8b2c5d8a5'
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
