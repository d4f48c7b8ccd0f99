<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: portcullis-recovery-codes.ftl -->
    <#if section="header">
        ${msg("portcullisRecoveryCodesTitle")}
    <#elseif section="form">
        <p>${msg("portcullisRecoveryCodesHelp")}</p>
        <ul id="portcullis-recovery-codes">
            <#list recoveryCodes as code>
                <li><code>${code}</code></li>
            </#list>
        </ul>
        <form id="portcullis-recovery-codes-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                       type="submit" name="continue" value="${msg("portcullisContinue")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
