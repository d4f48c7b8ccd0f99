<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: portcullis-recovery.ftl -->
    <#if section="header">
        ${msg("portcullisRecoveryTitle")}
    <#elseif section="form">
        <form id="portcullis-recovery-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="recoveryCode" class="${properties.kcLabelClass!}">${msg("portcullisRecoveryLabel")}</label>
                <input id="recoveryCode" name="recoveryCode" type="text" autocomplete="off" autofocus required
                       class="${properties.kcInputClass!}"/>
                <p class="${properties.kcInputHelperTextClass!}">${msg("portcullisRecoveryHelp")}</p>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                       type="submit" name="verify" value="${msg("portcullisVerify")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
