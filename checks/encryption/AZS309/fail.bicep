param location string = resourceGroup().location

resource automation 'Microsoft.Automation/automationAccounts@2023-11-01' = {
  name: 'aa-fail'
  location: location
  properties: {
    sku: {
      name: 'Basic'
    }
  }
}

// isEncrypted is false when absent.
resource connection 'Microsoft.Automation/automationAccounts/variables@2023-11-01' = {
  parent: automation
  name: 'connection'
  properties: {
    value: '"Server=db;Database=orders"'
  }
}

resource token 'Microsoft.Automation/automationAccounts/variables@2023-11-01' = {
  parent: automation
  name: 'token'
  properties: {
    isEncrypted: false
    value: '"placeholder"'
  }
}
