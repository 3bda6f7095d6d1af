param location string = resourceGroup().location

resource automation 'Microsoft.Automation/automationAccounts@2023-11-01' = {
  name: 'aa-pass'
  location: location
  properties: {
    sku: {
      name: 'Basic'
    }
  }
}

resource connection 'Microsoft.Automation/automationAccounts/variables@2023-11-01' = {
  parent: automation
  name: 'connection'
  properties: {
    isEncrypted: true
    value: '"Server=db;Database=orders"'
  }
}
