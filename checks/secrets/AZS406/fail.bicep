param location string = 'westeurope'

@secure()
param adminPassword string

param disablePasswords bool = false

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-fail'
  location: location
  properties: {
    osProfile: {
      computerName: 'vm-fail'
      adminUsername: 'azureuser'
      adminPassword: adminPassword
      linuxConfiguration: {
        provisionVMAgent: true
      }
    }
  }
}

resource vm2 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-fail-2'
  location: location
  properties: {
    osProfile: {
      computerName: 'vm-fail-2'
      adminUsername: 'azureuser'
      adminPassword: adminPassword
      linuxConfiguration: {
        disablePasswordAuthentication: disablePasswords
      }
    }
  }
}

resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2024-03-01' = {
  name: 'vmss-fail'
  location: location
  sku: {
    name: 'Standard_D2s_v5'
    capacity: 2
  }
  properties: {
    virtualMachineProfile: {
      osProfile: {
        computerNamePrefix: 'vmss'
        adminUsername: 'azureuser'
        adminPassword: adminPassword
        linuxConfiguration: {
          disablePasswordAuthentication: false
        }
      }
    }
  }
}
