param location string = 'westeurope'
param sshPublicKey string

@secure()
param adminPassword string

param authenticationType string = 'password'

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-pass'
  location: location
  properties: {
    osProfile: {
      computerName: 'vm-pass'
      adminUsername: 'azureuser'
      linuxConfiguration: {
        disablePasswordAuthentication: true
        ssh: {
          publicKeys: [
            {
              path: '/home/azureuser/.ssh/authorized_keys'
              keyData: sshPublicKey
            }
          ]
        }
      }
    }
  }
}

resource win 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'win-pass'
  location: location
  properties: {
    osProfile: {
      computerName: 'win-pass'
      adminUsername: 'azureuser'
      adminPassword: adminPassword
      windowsConfiguration: {
        provisionVMAgent: true
      }
    }
  }
}

// linuxConfiguration is null here: the machine is not known to be Linux.
resource chosen 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-chosen'
  location: location
  properties: {
    osProfile: {
      computerName: 'vm-chosen'
      adminUsername: 'azureuser'
      adminPassword: adminPassword
      linuxConfiguration: authenticationType == 'password' ? null : {
        disablePasswordAuthentication: true
      }
    }
  }
}
