resource plan 'Microsoft.Network/ddosProtectionPlans@2023-09-01' = {
  name: 'ddos-plan'
  location: 'westeurope'
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-ddos'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    enableDdosProtection: true
    ddosProtectionPlan: {
      id: plan.id
    }
  }
}
