param location string = resourceGroup().location

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-pass'
  location: location
  properties: {
    httpsOnly: true
    siteConfig: {
      ftpsState: 'FtpsOnly'
    }
  }
}

resource slot 'Microsoft.Web/sites/slots@2023-12-01' = {
  parent: app
  name: 'staging'
  location: location
  properties: {
    siteConfig: {
      ftpsState: 'Disabled'
    }
  }
}

// The site does not set ftpsState, but its 'web' configuration does.
resource func 'Microsoft.Web/sites@2023-12-01' = {
  name: 'func-pass'
  location: location
  kind: 'functionapp'
  properties: {
    httpsOnly: true
  }
}

resource funcWeb 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: func
  name: 'web'
  properties: {
    ftpsState: 'Disabled'
  }
}
