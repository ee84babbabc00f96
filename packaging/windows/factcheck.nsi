; Factcheck installer for Windows (NSIS 3), over the PyInstaller bundle of
; packaging/factcheck.spec. Built by .github/workflows/installers.yml:
;
;   pyinstaller --noconfirm --distpath build\pyinstaller\dist --workpath build\pyinstaller\work packaging\factcheck.spec
;   makensis /DVERSION=0.1.0 packaging\windows\factcheck.nsi
;
; -> dist\factcheck-<version>-setup.exe. It installs for all users in Program Files\Factcheck:
; factcheckw.exe (the window; Start menu entry and .factcheck file association) and
; factcheck.exe (the command line), with an uninstaller registered in "Apps & features".
; User data lives in %LOCALAPPDATA%\Factcheck (factcheck_app/paths.py) and is never
; touched by installing or uninstalling.
;
; Defines (makensis /DNAME=VALUE): VERSION (required), DIST (the bundle folder), OUTFILE.

Unicode true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass the version: makensis /DVERSION=x.y.z factcheck.nsi"
!endif
!ifndef DIST
  !define DIST "..\..\build\pyinstaller\dist\factcheck"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\factcheck-${VERSION}-setup.exe"
!endif

!define APP "Factcheck"
!define PROGID "Factcheck.Workspace"
!define EXT ".factcheck"
!define MIME "application/x-factcheck-workspace"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define ICON "..\..\resources\icons\factcheck.ico"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel admin
ShowInstDetails nevershow
ShowUninstDetails nevershow
BrandingText "${APP} ${VERSION}"

; File properties of the installer itself (VIProductVersion wants four numbers).
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "LegalCopyright" "Factcheck contributors, MIT licence"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\factcheckw.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP} on the sample workspace"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APP} needs 64-bit Windows."
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "${APP}" SecMain
  SectionIn RO
  ; A previous version's files go first, so that nothing stale stays in _internal.
  ${If} ${FileExists} "$INSTDIR\factcheck.exe"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu entry: the window.
  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\factcheckw.exe" "" "$INSTDIR\factcheckw.exe" 0 \
      SW_SHOWNORMAL "" "Record what officials said, link what happened, rate it, review it"

  ; File association: *.factcheck opens in the window.
  WriteRegStr HKLM "Software\Classes\${EXT}" "" "${PROGID}"
  WriteRegStr HKLM "Software\Classes\${EXT}" "Content Type" "${MIME}"
  WriteRegStr HKLM "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKLM "Software\Classes\${PROGID}" "" "Factcheck workspace"
  WriteRegStr HKLM "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\factcheckw.exe",0'
  WriteRegStr HKLM "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\factcheckw.exe" "%1"'
  WriteRegStr HKLM "Software\Classes\Applications\factcheckw.exe\SupportedTypes" "${EXT}" ""
  WriteRegStr HKLM "Software\Classes\Applications\factcheckw.exe" "FriendlyAppName" "${APP}"

  ; "Apps & features" entry.
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "Factcheck contributors"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" '"$INSTDIR\factcheckw.exe",0'
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"

  ; Tell Explorer that file associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"

  ; The association, only where it is still ours.
  ReadRegStr $0 HKLM "Software\Classes\${EXT}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKLM "Software\Classes\${EXT}" ""
    DeleteRegValue HKLM "Software\Classes\${EXT}" "Content Type"
  ${EndIf}
  DeleteRegValue HKLM "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKLM "Software\Classes\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKLM "Software\Classes\${EXT}"
  DeleteRegKey HKLM "Software\Classes\${PROGID}"
  DeleteRegKey HKLM "Software\Classes\Applications\factcheckw.exe"
  DeleteRegKey HKLM "${UNINST_KEY}"

  ; The installation folder holds only what the installer put there (user data is in
  ; %LOCALAPPDATA%\Factcheck); remove it only when it is recognisably ours.
  ${If} ${FileExists} "$INSTDIR\factcheckw.exe"
    RMDir /r "$INSTDIR\_internal"
    Delete "$INSTDIR\factcheck.exe"
    Delete "$INSTDIR\factcheckw.exe"
  ${EndIf}
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
