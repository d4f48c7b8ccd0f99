<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: portcullis-code.ftl -->
    <#if section="header">
        ${msg("portcullisCodeTitle")}
    <#elseif section="form">
        <form id="portcullis-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="code" class="${properties.kcLabelClass!}">${msg("portcullisCodeLabel")}</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                       pattern="[0-9 ]*" maxlength="7" autofocus required class="${properties.kcInputClass!}"/>
                <p class="${properties.kcInputHelperTextClass!}">${msg("portcullisCodeHelp")}</p>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                       type="submit" name="verify" value="${msg("portcullisVerify")}"/>
            </div>
        </form>
        <#if keyOffered?? && keyOffered>
        <form id="portcullis-use-key" action="${url.loginAction}" method="post">
            <button type="submit" name="use-key" value="1" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("portcullisUseSecurityKey")}</button>
        </form>
        </#if>
        <form id="portcullis-use-recovery" action="${url.loginAction}" method="post">
            <button type="submit" name="use-recovery" value="1" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("portcullisUseRecoveryCode")}</button>
        </form>
    </#if>
</@layout.registrationLayout>
