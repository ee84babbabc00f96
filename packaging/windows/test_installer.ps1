# Install dist\factcheck-<version>-setup.exe silently, run the installed copy, check the
# Start menu entry and the .factcheck association, uninstall, check nothing is left.
# For a CI runner (it installs for all users; needs an elevated shell).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$version = (Select-String -Path factcheck_app\__init__.py -Pattern '^__version__ = "(.*)"$').Matches[0].Groups[1].Value
$setup = "dist\factcheck-$version-setup.exe"
$dir = Join-Path $env:ProgramFiles "Factcheck"

Start-Process -Wait -FilePath $setup -ArgumentList "/S"
if (-not (Test-Path "$dir\factcheck.exe")) { throw "not installed in $dir" }
$tmp = Join-Path ([IO.Path]::GetTempPath()) ("factcheck-" + [guid]::NewGuid())
New-Item -ItemType Directory $tmp | Out-Null
$env:FACTCHECK_DATA_DIR = Join-Path $tmp "data"
$env:QT_QPA_PLATFORM = "offscreen"
$out = & "$dir\factcheck.exe" --version
if ($out -ne "factcheck $version") { throw "installed --version: $out" }
& "$dir\factcheck.exe" demo "$tmp\s.factcheck"; if ($LASTEXITCODE) { throw "demo failed" }
& "$dir\factcheck.exe" check "$tmp\s.factcheck"; if ($LASTEXITCODE) { throw "check failed" }
# The window: still running after 5 s means it started (killed then; no display needed).
$gui = Start-Process -PassThru -FilePath "$dir\factcheckw.exe" -ArgumentList "`"$tmp\s.factcheck`""
Start-Sleep 5
if ($gui.HasExited) { throw "factcheckw.exe exited early with $($gui.ExitCode)" }
Stop-Process -Id $gui.Id
if (-not (Test-Path "$env:ProgramData\Microsoft\Windows\Start Menu\Programs\Factcheck.lnk")) { throw "no Start menu entry" }
$assoc = (Get-ItemProperty "HKLM:\Software\Classes\Factcheck.Workspace\shell\open\command")."(default)"
if ($assoc -notlike "*factcheckw.exe*") { throw "no .factcheck association: $assoc" }
if (Get-ChildItem -Recurse $dir -Include *.factcheck, *.log) { throw "user data inside the installation" }

Start-Process -Wait -FilePath "$dir\uninstall.exe" -ArgumentList "/S", "_?=$dir"
Remove-Item -Force "$dir\uninstall.exe" -ErrorAction SilentlyContinue  # _?= keeps it; see NSIS docs
Remove-Item -Force $dir -ErrorAction SilentlyContinue
if (Test-Path "$dir\factcheck.exe") { throw "uninstall left the program behind" }
if (Test-Path "HKLM:\Software\Classes\Factcheck.Workspace") { throw "uninstall left the association" }
if (Test-Path "HKLM:\Software\Microsoft\Windows\CurrentVersion\Uninstall\Factcheck") { throw "uninstall left its registry entry" }
Remove-Item -Recurse -Force $tmp
Write-Output "installed, ran and uninstalled factcheck $version"
