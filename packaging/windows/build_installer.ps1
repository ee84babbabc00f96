# Build dist\factcheck-<version>-setup.exe on Windows: the PyInstaller bundle of
# packaging\factcheck.spec (factcheck.exe + factcheckw.exe + _internal), a smoke test of
# it, then packaging\windows\factcheck.nsi through makensis (NSIS 3).
# Run by .github/workflows/installers.yml on windows-latest; locally, from the checkout:
#   py -3.11 -m venv .venv; .venv\Scripts\pip install -e ".[package]"
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build_installer.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$py = if ($env:PY) { $env:PY } else { ".venv\Scripts\python.exe" }
$version = (Select-String -Path factcheck_app\__init__.py -Pattern '^__version__ = "(.*)"$').Matches[0].Groups[1].Value
function Check($what) { if ($LASTEXITCODE -ne 0) { throw "$what failed (exit $LASTEXITCODE)" } }

& $py -m PyInstaller --noconfirm --log-level WARN --distpath build\pyinstaller\dist `
    --workpath build\pyinstaller\work packaging\factcheck.spec
Check "PyInstaller"

# Smoke test of the bundle, user data in a temp folder.
$bundle = "build\pyinstaller\dist\factcheck"
$tmp = Join-Path ([IO.Path]::GetTempPath()) ("factcheck-" + [guid]::NewGuid())
New-Item -ItemType Directory $tmp | Out-Null
$env:FACTCHECK_DATA_DIR = Join-Path $tmp "data"
$env:QT_QPA_PLATFORM = "offscreen"
$out = & "$bundle\factcheck.exe" --version; Check "factcheck --version"
if ($out -ne "factcheck $version") { throw "unexpected --version output: $out" }
& "$bundle\factcheck.exe" demo "$tmp\s.factcheck"; Check "factcheck demo"
& "$bundle\factcheck.exe" check "$tmp\s.factcheck"; Check "factcheck check"
& "$bundle\factcheck.exe" export "$tmp\s.factcheck" --format pdf --report due --output "$tmp\due.pdf"
if ($LASTEXITCODE -ne 0) { Write-Warning "PDF export not available in this build (exit $LASTEXITCODE)" }
if (-not (Test-Path "$bundle\factcheckw.exe")) { throw "factcheckw.exe (the window) is missing" }
Remove-Item -Recurse -Force $tmp

# The installer.
$makensis = (Get-Command makensis.exe -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
New-Item -ItemType Directory -Force dist | Out-Null
& $makensis /V2 /WX "/DVERSION=$version" packaging\windows\factcheck.nsi
Check "makensis"
Get-Item "dist\factcheck-$version-setup.exe" | Format-Table Name, Length
