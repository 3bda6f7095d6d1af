targetScope = 'subscription'

param allActions string = '*'

var writeEverywhere = '*/write'

resource anything 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'anything')
  properties: {
    roleName: 'Anything'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          allActions
        ]
        notActions: [
          'Microsoft.Authorization/*/write'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

resource writer 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'writer')
  properties: {
    roleName: 'Writer'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          '*/read'
          writeEverywhere
        ]
        dataActions: [
          '*'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}
