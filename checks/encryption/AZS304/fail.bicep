param location string = resourceGroup().location
param ftpsState string = 'AllAllowed'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-fail'
  location: location
  properties: {
    httpsOnly: true
    siteConfig: {
      ftpsState: ftpsState
    }
  }
}

// ftpsState is 'AllAllowed' when absent.
resource func 'Microsoft.Web/sites@2023-12-01' = {
  name: 'func-fail'
  location: location
  kind: 'functionapp'
  properties: {
    httpsOnly: true
  }
}

resource slot 'Microsoft.Web/sites/slots@2023-12-01' = {
  parent: app
  name: 'staging'
  location: location
  properties: {
    httpsOnly: true
    siteConfig: {
      alwaysOn: true
    }
  }
}

// The site itself does not set ftpsState; its 'web' configuration does.
resource api 'Microsoft.Web/sites@2023-12-01' = {
  name: 'api-fail'
  location: location
  properties: {
    httpsOnly: true
  }
}

resource apiWeb 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: api
  name: 'web'
  properties: {
    ftpsState: 'AllAllowed'
  }
}
