param actions array = [
  'Microsoft.Storage/storageAccounts/read'
]

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'operator')
  properties: {
    roleName: 'Operator'
    type: 'CustomRole'
    permissions: [
      {
        actions: actions
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}
