<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: portcullis-pass.ftl -->
    <#if section="header">
        ${msg("portcullisPassTitle")}
    <#elseif section="form">
        <p id="portcullis-pass-why">${msg(securityKey?then("portcullisPassWhyKey", "portcullisPassWhyApp"))}</p>
        <p id="portcullis-pass-ask">${msg("portcullisPassAsk")}</p>
        <form id="portcullis-pass-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="pass" class="${properties.kcLabelClass!}">${msg("portcullisPassLabel")}</label>
                <input id="pass" name="pass" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false"
                       autofocus required class="${properties.kcInputClass!}"/>
                <p class="${properties.kcInputHelperTextClass!}">${msg("portcullisPassHelp")}</p>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                       type="submit" name="redeem" value="${msg("portcullisPassContinue")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
